"""Tenancy: carriers as tenants, their memberships and roles, and who may open their pages."""

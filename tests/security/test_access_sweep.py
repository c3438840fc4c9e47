"""The access sweep: every route of the URL map, requested as every role.

``EXPECTED`` says, for each endpoint, the status each role gets. Pages are
fetched with GET; routes that only accept POST get a POST without valid
data, which must give the wrong roles their redirect to log in, 403 or 404,
and change nothing. A route missing from the table fails the sweep, so a
new route cannot ship before someone decides who may use it.

Beside the seven roles of the first sweep, two decide who sees a startup's
record (issue 13): ``reviewer_assigned`` reviews alpha's applicant only, so
the sweep's startup is 404 to them as to the unassigned reviewer; and
``manager_rejected`` manages gamma, to which the sweep's startup applied and
which rejected it: it sees nothing of the startup anywhere.

No page may carry an inline script (the CSP would block it), and no
response body may name a private startup of a carrier the role does not
belong to. The posts of alpha's own people (founder, manager, admin), which
may change things, run after every other request, in the table's order: a
row the manager deleted is gone ("# gone", 404) when the admin asks.
"""

from __future__ import annotations

import pytest

from core.extensions import db
from tests.security.sweep import fetch, is_api, method_of, routes, row_counts, url_for_rule
from tests.security.test_headers import inline_scripts
from tests.security.world import ALPHA_PRIVATE, BETA_PRIVATE, ROLES

ROLE_ORDER = tuple(ROLES)
LOGIN = 302  # anonymous visitors are sent to the log-in page
NO_TOKEN = 401  # the API without a token
#: Statuses that mean "refused": nothing may change.
REFUSED = {403, 404}

# fmt: off
#: (anonymous, founder, founder_other, reviewer_unassigned, manager_other, manager, admin,
#:  reviewer_assigned, manager_rejected)
EXPECTED: dict[str, tuple[int, ...]] = {
    # Platform administration: the platform admin only.
    "admin.add_manager":                        (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    "admin.new_tenant":                         (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    # The membership in the URL is a reviewer's, not a manager's.
    "admin.remove_manager":                     (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "admin.tenant":                             (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    "admin.tenants":                            (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    "admin.users":                              (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    # Of the applicant, who takes no part in the sweep: deactivated, then let back in.
    "admin.deactivate_user":                    (LOGIN, 404, 404, 404, 404, 404, 302, 404, 404),
    "admin.reactivate_user":                    (LOGIN, 404, 404, 404, 404, 404, 302, 404, 404),
    "admin.end_user_sessions":                  (LOGIN, 404, 404, 404, 404, 404, 302, 404, 404),
    # Invitations: the id in the URL names none (404 once the role is right).
    "admin.withdraw_invitation":                (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "carriers.withdraw_invitation":             (LOGIN, 404, 404, 403, 404, 404, 404, 403, 404),
    "registry.withdraw_founder_invitation":     (LOGIN, 404, 404, 404, 404, 403, 404, 404, 404),
    # An invitation link: its owner's, once logged in; a forged token is 404.
    "invitations.show":                         (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "city.export":                              (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    "city.index":                               (LOGIN, 404, 404, 404, 404, 404, 200, 404, 404),
    # A founder's own application and intake form (others are sent away).
    "apply.application":                        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "apply.apply":                              (LOGIN, 200, 200, 302, 302, 302, 302, 302, 302),
    "apply.my_applications":                    (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "apply.withdraw":                           (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    # The carrier's manager pages.
    "assessments.manual":                       (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "assessments.near":                         (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "certificates.carrier_certificates.archive": (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "certificates.carrier_certificates.listing": (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "certificates.carrier_certificates.seal_image": (LOGIN, 404, 404, 403, 404, 404, 404, 403, 404),
    "certificates.carrier_certificates.upload_seal":
                                                (LOGIN, 404, 404, 403, 404, 422, 422, 403, 404),
    "certificates.revoke":                      (LOGIN, 403, 404, 404, 404, 422, 422, 404, 404),
    "certificates.revoke_form":                 (LOGIN, 403, 404, 404, 404, 200, 200, 404, 404),
    "graduation.carrier_graduation.graduate_batch": (LOGIN, 404, 404, 403, 404, 302, 302, 403, 404),
    "graduation.graduate":                      (LOGIN, 403, 404, 404, 404, 422, 422, 404, 404),
    "registry.carrier.add_row":                 (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    # gone: deleted by an earlier post of the table
    "registry.carrier.delete_row":              (LOGIN, 404, 404, 404, 404, 302, 404, 404, 404),
    "registry.carrier.edit":                    (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    "registry.carrier.edit_row":                (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    # Who owns a startup is not the carrier's to change: its founders page is read-only.
    "registry.carrier.founders":                (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    "registry.carrier.remove_founder":          (LOGIN, 404, 404, 404, 404, 403, 403, 404, 404),
    # Only the carrier's own invitation of a first founder, for a startup that has none.
    "registry.carrier.withdraw_founder_invitation": (LOGIN, 404, 404, 404, 404, 403, 403, 404, 404),
    "reports.dashboard":                        (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "reports.dashboard_trends":                 (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "reports.milestones":                       (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "review.assign":                            (LOGIN, 404, 404, 403, 404, 302, 302, 403, 404),
    "review.decide":                            (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "settings.index":                           (LOGIN, 404, 404, 403, 404, 302, 302, 403, 404),
    "settings.stage":                           (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "audit.log":                                (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "audit.export":                             (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "carriers.members":                         (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "carriers.profile":                         (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    # gone: deleted by an earlier post of the table
    "carriers.remove_member":                   (LOGIN, 404, 404, 403, 404, 302, 404, 403, 404),
    "warnings.index":                           (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    # Pages of the carrier's members. The roster and its export are the managers' (reviewers
    # 403); a startup's record is seen by managers, and by a reviewer only when assigned to
    # one of its applications (the sweep's startup is not the assigned reviewer's: 404).
    # Gamma rejected the sweep's startup and sees nothing of it anywhere.
    "registry.carrier.startup":                 (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    # An IP right's legal life; the row to delete (the funding row's id) is no payment of it.
    "ip.carrier.right":                         (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    "ip.carrier.add_payment":                   (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    "ip.carrier.add_event":                     (LOGIN, 404, 404, 404, 404, 200, 200, 404, 404),
    "ip.carrier.delete":                        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "ip.right":                                 (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    "ip.add_payment":                           (LOGIN, 200, 404, 404, 404, 403, 200, 404, 404),
    "ip.add_event":                             (LOGIN, 200, 404, 404, 404, 403, 200, 404, 404),
    "ip.delete":                                (LOGIN, 404, 404, 404, 404, 403, 404, 404, 404),
    "portfolio.carrier.startups":               (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "carriers.overview":                        (LOGIN, 404, 404, 200, 404, 200, 200, 200, 404),
    "portfolio.carrier.stage":                  (LOGIN, 404, 404, 200, 404, 200, 200, 200, 404),
    "review.applications_list":                 (LOGIN, 404, 404, 200, 404, 200, 200, 200, 404),
    # An application's review: assigned reviewers and managers.
    "review.application_detail":                (LOGIN, 404, 404, 404, 404, 200, 200, 200, 404),
    "review.score":                             (LOGIN, 404, 404, 404, 404, 403, 403, 200, 404),
    # Only the assigned reviewer abstains (a reason is optional).
    "review.abstain":                           (LOGIN, 404, 404, 404, 404, 403, 403, 302, 404),
    # An enrollment's milestones: its founders, the carrier's managers, and reviewers assigned
    # to one of the startup's applications there (none here: 404).
    "enrollments.add_custom":                   (LOGIN, 403, 404, 404, 404, 200, 200, 404, 404),
    "enrollments.enrollment":                   (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    "enrollments.evidence":                     (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    "enrollments.send_back":                    (LOGIN, 403, 404, 404, 404, 302, 302, 404, 404),
    "enrollments.update":                       (LOGIN, 200, 404, 404, 404, 403, 403, 404, 404),
    "enrollments.verify":                       (LOGIN, 403, 404, 404, 404, 302, 302, 404, 404),
    # A graduate's certificate and referral: its founders and its carrier.
    "certificates.download":                    (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    "graduation.referral":                      (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404),
    # A startup's own record: its founders (the carrier's managers use the carrier pages).
    "registry.add_row":                         (LOGIN, 200, 404, 404, 404, 403, 200, 404, 404),
    # gone: deleted by an earlier post of the table
    "registry.delete_row":                      (LOGIN, 404, 404, 404, 404, 403, 404, 404, 404),
    "registry.edit":                            (LOGIN, 200, 404, 404, 404, 403, 200, 404, 404),
    "registry.edit_row":                        (LOGIN, 200, 404, 404, 404, 403, 200, 404, 404),
    "registry.founders":                        (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    "registry.remove_founder":                  (LOGIN, 302, 404, 404, 404, 403, 302, 404, 404),
    "registry.startup":                         (LOGIN, 200, 404, 404, 404, 200, 200, 404, 404),
    # Everyone's own things.
    "auth.change_password":                     (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "auth.logout":                              (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "auth.list_sessions":                       (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    # The session id in the URL is nobody's own; the password is missing.
    "auth.end_session":                         (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "auth.end_other_sessions":                  (LOGIN, 422, 422, 422, 422, 422, 422, 422, 422),
    # Confirming the address: a verified account is sent on; a forged link is 404 to all.
    "auth.verify_pending":                      (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "auth.resend_verification":                 (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "auth.verify_email":                        (404, 404, 404, 404, 404, 404, 404, 404, 404),
    "notifications.index":                      (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "notifications.mark_read":                  (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "portfolio.mine":                           (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "registry.new":                             (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    # Personal information: the notice is public; each person's account, data and closing
    # are theirs. Consenting sends on who has consented already; the sweep asks for the data
    # as .csv (JSON and XLSX only: 404); closing without the password shows the form again.
    "privacy.notice_page":                      (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "privacy.consent":                          (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "privacy.account":                          (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "privacy.download":                         (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    "privacy.close":                            (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    # 2-step verification: each person's own; setting up (start) makes a secret and sends
    # on, an empty post to turn it on or off shows the form again; the log-in's second step
    # without a password just proved sends to log in.
    "mfa.settings":                             (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "mfa.start":                                (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa.turn_on":                              (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "mfa.turn_off":                             (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "mfa.verify":                               (302, 302, 302, 302, 302, 302, 302, 302, 302),
    # Password reset: anyone may ask for a link; a forged link is 404 to all.
    "auth.forgot_password":                     (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "auth.reset_password":                      (404, 404, 404, 404, 404, 404, 404, 404, 404),
    # Public pages; logged-in people are sent on from the log-in pages.
    "auth.login":                               (200, 302, 302, 302, 302, 302, 302, 302, 302),
    "auth.signup":                              (200, 302, 302, 302, 302, 302, 302, 302, 302),
    "bootstrap.static":                         (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "static":                                   (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "verify.certificate":                       (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "verify.lookup":                            (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "home.healthz":                             (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "home.home":                                (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "home.set_language":                        (302, 302, 302, 302, 302, 302, 302, 302, 302),
    "home.stage":                               (200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The JSON API: a token is the only credential (none: 401). Founders see their own
    # startups; a carrier's staff see its startups. Its writes run after the pages' posts,
    # in table order: the milestone is verified by then (409), and a record deleted by an
    # earlier call is gone (404). Staff name the carrier (?tenant=alpha): the other
    # carrier's manager gets 404 even for lists.
    "api-docs.openapi_json":                    (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api-docs.openapi_swagger_ui":              (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api_verify.verify":                        (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api_applications.create_application":      (NO_TOKEN, 422, 422, 422, 422, 422, 422, 422, 422),
    "api_applications.decide":                  (NO_TOKEN, 404, 404, 404, 404, 422, 422, 403, 404),
    "api_applications.get_application":         (NO_TOKEN, 404, 404, 404, 404, 200, 200, 200, 404),
    "api_applications.list_applications":       (NO_TOKEN, 200, 200, 200, 404, 200, 200, 200, 404),
    "api_applications.score":                   (NO_TOKEN, 404, 404, 404, 404, 403, 403, 422, 404),
    "api_applications.abstain":                 (NO_TOKEN, 404, 404, 404, 404, 403, 403, 200, 404),
    # Only its startup's founders withdraw an application; the sweep's founder is not one.
    "api_applications.withdraw":                (NO_TOKEN, 404, 404, 404, 404, 403, 403, 403, 404),
    "api_enrollments.certificate":              (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.certificate_pdf":          (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.get_enrollment":           (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.get_milestone":            (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.graduate":                 (NO_TOKEN, 403, 404, 404, 404, 422, 422, 404, 404),
    "api_enrollments.graduation_check":         (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.list_enrollments":         (NO_TOKEN, 200, 200, 403, 404, 200, 200, 403, 404),
    "api_enrollments.list_milestones":          (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_enrollments.update_milestone":         (NO_TOKEN, 409, 404, 404, 404, 403, 403, 404, 404),
    "api_enrollments.verify_milestone":         (NO_TOKEN, 403, 404, 404, 404, 409, 409, 404, 404),
    "api_stages.list_stages":                   (NO_TOKEN, 200, 200, 200, 200, 200, 200, 200, 200),
    "api_startups.add_certifications":          (NO_TOKEN, 422, 404, 404, 404, 422, 422, 404, 404),
    "api_startups.add_figures":                 (NO_TOKEN, 422, 404, 404, 404, 422, 422, 404, 404),
    "api_startups.add_funding":                 (NO_TOKEN, 422, 404, 404, 404, 422, 422, 404, 404),
    "api_startups.add_ip":                      (NO_TOKEN, 422, 404, 404, 404, 422, 422, 404, 404),
    "api_startups.create_startup":              (NO_TOKEN, 422, 422, 422, 422, 422, 422, 422, 422),
    "api_startups.delete_certifications":       (NO_TOKEN, 204, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.delete_figures":              (NO_TOKEN, 204, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.delete_funding":              (NO_TOKEN, 404, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.delete_ip":                   (NO_TOKEN, 204, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.edit_certifications":         (NO_TOKEN, 404, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.edit_figures":                (NO_TOKEN, 404, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.edit_funding":                (NO_TOKEN, 404, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.edit_ip":                     (NO_TOKEN, 404, 404, 404, 404, 404, 404, 404, 404),
    "api_startups.get_certifications":          (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.get_figures":                 (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.get_funding":                 (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.get_ip":                      (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.get_startup":                 (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.list_certifications":         (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.list_figures":                (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.list_funding":                (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.list_ip":                     (NO_TOKEN, 200, 404, 404, 404, 200, 200, 404, 404),
    "api_startups.list_startups":               (NO_TOKEN, 200, 200, 403, 404, 200, 200, 403, 404),
    "api_startups.update_startup":              (NO_TOKEN, 422, 404, 404, 404, 422, 422, 404, 404),
    "api_tenants.list_tenants":                 (NO_TOKEN, 200, 200, 200, 200, 200, 200, 200, 200),
    # Everyone's own API tokens (the id in the URL is the manager's token).
    "api_tokens.index":                         (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200),
    "api_tokens.revoke":                        (LOGIN, 404, 404, 404, 404, 302, 404, 404, 404),
    # Exports and imports: managers; a stage's list is what the reader may see of it (a
    # reviewer, like a founder, only their own startups).
    "portfolio.carrier.export_stage":           (LOGIN, 404, 404, 302, 404, 302, 302, 302, 404),
    "portfolio.carrier.export_startups":        (LOGIN, 404, 404, 403, 404, 302, 302, 403, 404),
    "statistics.check":                         (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    "statistics.download_record":               (LOGIN, 404, 404, 403, 404, 302, 302, 403, 404),
    "imports.confirm":                          (LOGIN, 404, 404, 403, 404, 404, 404, 403, 404),
    "imports.template_file":                    (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
    # A job's page, state and file: its owner's (alpha's manager) alone.
    "jobs.page":                                (LOGIN, 404, 404, 404, 404, 200, 404, 404, 404),
    "jobs.status":                              (LOGIN, 404, 404, 404, 404, 200, 404, 404, 404),
    "jobs.file":                                (LOGIN, 404, 404, 404, 404, 200, 404, 404, 404),
    "imports.upload":                           (LOGIN, 404, 404, 403, 404, 200, 200, 403, 404),
}
# fmt: on

#: Posts that end every session of the user (server-side): run last, on fresh clients.
ENDS_SESSIONS = {"auth.logout"}

#: Roles that call the API for a carrier (``?tenant=alpha``); founders call it for themselves.
STAFF = (
    "reviewer_unassigned",
    "manager_other",
    "manager",
    "admin",
    "reviewer_assigned",
    "manager_rejected",
)

#: Roles that may change alpha's things; their posts run after everything else.
INSIDERS = ("founder", "manager", "admin")

#: Private startup names each role must never see.
HIDDEN = {
    "anonymous": ALPHA_PRIVATE + BETA_PRIVATE,
    "founder": BETA_PRIVATE,
    "founder_other": ALPHA_PRIVATE,
    # A reviewer sees only the startups of the applications assigned to them.
    "reviewer_unassigned": ALPHA_PRIVATE + BETA_PRIVATE,
    "manager_other": ALPHA_PRIVATE,
    "manager": BETA_PRIVATE,
    "admin": (),
    "reviewer_assigned": ALPHA_PRIVATE[:1] + BETA_PRIVATE,
    # Gamma rejected the sweep's startup: nothing of its record, anywhere.
    "manager_rejected": ALPHA_PRIVATE + BETA_PRIVATE,
}


def _refused(status: int, role: str) -> bool:
    return status in REFUSED or (role == "anonymous" and status in (LOGIN, NO_TOKEN))


def test_every_route_has_an_entry(world_app):
    missing = sorted(set(routes(world_app)) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(routes(world_app)))
    assert not missing, f"routes without an access-sweep entry: {missing}"
    assert not stale, f"entries for routes that no longer exist: {stale}"


@pytest.fixture(scope="module")
def sweep(world):
    """Request every route as every role: ``{(endpoint, role): status}`` and the problems."""
    app = world.app
    clients = {role: world.client(role) for role in ROLES}
    seen: dict[tuple[str, str], int] = {}
    problems: list[str] = []
    allowed_posts = []

    def request(endpoint, rule, role):
        url = url_for_rule(rule, world.ids)
        method = method_of(rule)
        client = world.client(role) if endpoint in ENDS_SESSIONS else clients[role]
        kwargs = {}
        if is_api(url):  # the API ignores the session: its credential is the token
            kwargs["headers"] = world.api_headers(role)
            if role in STAFF:  # staff act for a carrier by naming it
                url += "&tenant=alpha" if "?" in url else "?tenant=alpha"
            if method != "GET":
                kwargs["json"] = {}
        with app.app_context():
            before = row_counts() if method != "GET" else None
        status, body = fetch(client, url, method, **kwargs)
        seen[endpoint, role] = status
        if status >= 500:
            problems.append(f"{method} {url} as {role}: {status}")
        if inline_scripts(body):
            problems.append(f"{method} {url} as {role} has inline scripts the CSP blocks")
        leaked = [name for name in HIDDEN[role] if name in body]
        if leaked:
            problems.append(f"{method} {url} as {role} shows {leaked}")
        if before is not None and _refused(status, role):
            with app.app_context():
                if row_counts() != before:
                    problems.append(f"{method} {url} as {role} was refused but wrote rows")

    for endpoint, rule in sorted(routes(app).items()):
        for role in ROLES:
            if endpoint in ENDS_SESSIONS or (method_of(rule) != "GET" and role in INSIDERS):
                allowed_posts.append((endpoint, rule, role))
            else:
                request(endpoint, rule, role)
    # The pages' posts first, then the API's, then log-out (which ends the sessions).
    allowed_posts.sort(key=lambda post: (post[0] in ENDS_SESSIONS, is_api(post[1].rule)))
    for endpoint, rule, role in allowed_posts:
        request(endpoint, rule, role)
    with app.app_context():
        db.session.remove()
    return seen, problems


def test_every_role_gets_the_expected_status_on_every_route(sweep):
    seen, _problems = sweep
    wrong = []
    for endpoint, statuses in EXPECTED.items():
        got = tuple(seen.get((endpoint, role)) for role in ROLE_ORDER)
        if got != statuses:
            wrong.append(f'"{endpoint}": {got},  # expected {statuses}')
    assert not wrong, "\n".join(wrong)


def test_no_server_errors_no_leaks_and_no_writes_on_refusal(sweep):
    _seen, problems = sweep
    assert not problems, "\n".join(problems)


def test_the_leak_check_reads_the_api_s_json(world):
    """The API escapes Chinese in JSON; the sweep's bodies are unescaped, so names are found."""
    url = f"/api/v1/startups/{world.ids['startup']}"
    _status, body = fetch(world.client("founder"), url, headers=world.api_headers("founder"))
    assert ALPHA_PRIVATE[0] in body


def test_anonymous_visitors_are_sent_to_log_in(world):
    client = world.client("anonymous")
    for endpoint, rule in routes(world.app).items():
        if EXPECTED[endpoint][0] == LOGIN and endpoint != "home.set_language":
            url = url_for_rule(rule, world.ids)
            response = client.open(url, method=method_of(rule))
            assert response.headers["Location"].startswith("/login"), endpoint
            response.close()

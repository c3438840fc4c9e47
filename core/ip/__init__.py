"""The legal life of IP rights: terms, annuities, status, 转移 events (docs/ip.md)."""

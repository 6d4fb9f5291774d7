"""What rules share and must not re-derive: imports, scopes, control flow, escape."""

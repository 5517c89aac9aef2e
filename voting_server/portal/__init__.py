"""The members' portal: two-factor login, the member's page and the secretary's tools."""

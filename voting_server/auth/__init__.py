"""Who is connecting: login sessions and short-lived WebSocket tickets."""

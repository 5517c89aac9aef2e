"""The HTTP side of the hub: pages, login links, tickets, and the WebSocket."""

"""A meeting's agenda and attendance: roll call, check-in, seats and quorum."""

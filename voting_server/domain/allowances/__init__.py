"""The basis for allowances after the meeting: questions, corrections and approval."""

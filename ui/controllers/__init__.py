"""Work the window hands off: the search child, sync, and the actions on an asset."""

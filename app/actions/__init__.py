"""The menu and toolbar actions, in groups; they talk to the document and the run, never to
the window's insides."""

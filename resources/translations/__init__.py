"""Qt Linguist translations (.ts sources, compiled .qm files): data, packaged with the app."""

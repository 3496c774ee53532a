"""File formats of the Qt-free core: the experiment file, its fields and their checks."""

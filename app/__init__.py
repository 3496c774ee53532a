"""Descent Lab, the application: entry points, main window, training controller, settings."""

__version__ = "0.1.0"

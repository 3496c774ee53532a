"""Reusable Qt and pyqtgraph views. They show state; they never train."""

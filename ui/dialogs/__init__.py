"""The app's dialogs: first run and settings, Publish, Library health, Insights."""

"""The results list: its model and the delegate that paints a result row."""

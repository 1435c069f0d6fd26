"""The agents' console in a real browser (headless Chromium), against ``mailgate run``."""

"""Every query and every change of the application: plain Python, no Qt."""

"""receive: the edges where mail comes in.  Each writes raw bytes and the envelope to the
inbox and acknowledges only after the commit; none knows anything of tickets."""

"""store: the only place that knows SQL — models, sessions, repositories, migrations."""

"""Performance: the library of measures (KPIs) computed live from the case records."""

"""Retention: original words and case records are deleted when their time is up."""

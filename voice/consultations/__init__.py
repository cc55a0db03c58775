"""Consultations staff write and preview: questions in many languages, and the area list."""

"""ASGI entry point: ``uvicorn voice.asgi:app``."""

from voice.app import create_app

app = create_app()

"""Tortoise CLI entry: `tortoise -c voice.tortoise_config.TORTOISE_ORM makemigrations`."""

from voice.db import tortoise_config
from voice.settings import load_settings

TORTOISE_ORM = tortoise_config(load_settings())

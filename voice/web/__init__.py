"""Shared web plumbing: templating, security headers, CSRF, i18n, errors, forms."""

from voice.web.convertors import register

register()

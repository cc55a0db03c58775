"""What the public pages need from the database."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q, Subquery

from voice.feedback.models import Consultation, Question


def localised(values: dict[str, str], locale: str, fallback: str = "en") -> str:
    """The text for ``locale``, else the fallback language's, else any."""
    if locale in values and values[locale]:
        return values[locale]
    if fallback in values and values[fallback]:
        return values[fallback]
    return next((text for text in values.values() if text), "")


async def open_consultations(now: datetime) -> list[Consultation]:
    """Consultations open now that ask at least one question, standing ones last.

    A consultation staff have made but not yet given questions is not listed, even when its
    opening date has come.
    """
    opened = Q(opens_at__isnull=True) | Q(opens_at__lte=now)
    not_closed = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    ready = Q(id__in=Subquery(Question.all().values("consultation_id")))
    return await Consultation.filter(opened & not_closed & ready).order_by("is_standing", "closes_at", "id")

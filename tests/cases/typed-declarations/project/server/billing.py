from dataclasses import dataclass
from enum import Enum
from typing import Literal, Optional, TypedDict

import analytics

from .settings import RELEASE, Customer

CURRENCY = "eur"


class Interval(str, Enum):
    MONTH = "month"
    YEAR = "year"


class Source(Enum):
    WEB = 1
    API = 2


@dataclass
class Invoice:
    amount: float
    paid: bool
    coupon: Optional[str] = None
    tier: Literal["basic", "team"] = "basic"


class Context(TypedDict):
    referrer: str
    retries: int | None


def invoice_paid(user_id: str, invoice: Invoice, context: Context, customer: Customer) -> None:
    analytics.track(
        user_id,
        "Invoice Paid",
        {
            "amount": invoice.amount,
            "is_paid": invoice.paid,
            "coupon": invoice.coupon,
            "tier": invoice.tier,
            "interval": Interval.YEAR,
            "source": Source.API.value,
            "referrer": context["referrer"],
            "retries": context["retries"],
            "currency": CURRENCY,
            "release": RELEASE,
            "country": customer.country,
            "lifetime_value": customer.lifetime_value,
        },
    )

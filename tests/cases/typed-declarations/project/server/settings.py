from dataclasses import dataclass

RELEASE = "2024.06"


@dataclass
class Customer:
    country: str
    lifetime_value: float

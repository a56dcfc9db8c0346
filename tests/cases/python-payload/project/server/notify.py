import requests

URL = "https://api.moesif.net/v1/actions"


def notify(user):
    requests.post(
        URL,
        json={
            "action_name": "Upgraded Plan",
            "user_id": user.id,
            "metadata": {
                "plan.name": "pro",
                "seats": 3,
                "annual": "yes",
            },
        },
    )


def renew(user):
    requests.post(URL, json={"action_name": "Renewed", "metadata": {"annual": True}})

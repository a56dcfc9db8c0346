base = {"plan": "free"}
analytics.track(user_id, "Signed Up", {
    "sign.up": "email",
    "sign_up": "google",
    "plan": "pro",
    "plan": "team",
    **base,
})
analytics.track(user_id, "Signed Up", {**base, "plan": "pro"})

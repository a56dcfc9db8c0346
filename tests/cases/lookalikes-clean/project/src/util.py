payload = {"action_name": "Sync", "metadata": compute()}
options = {"action_name": "Sync", "labels": {"a.b": 1}}

client.track(BaseEvent(event_type='Signed Up', user_id='u', event_properties={'plan': True}))

def get_metadata(req, res):
    return {
        'datacenter': 1,
        'deployment_version': 'v1.2.3',
    }


MOESIF_MIDDLEWARE = {
    'APPLICATION_ID': 'your-application-id',
    'GET_METADATA': get_metadata,
}

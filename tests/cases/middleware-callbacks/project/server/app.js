const express = require('express');
const moesif = require('moesif-nodejs');

const app = express();

app.use(moesif({
  applicationId: process.env.MOESIF_APPLICATION_ID,
  getMetadata: (req, res) => ({
    datacenter: 'westus',
    deployment_version: 'v1.2.3',
    'request.region': req.headers['x-region'],
  }),
}));

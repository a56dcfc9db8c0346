const option = { action_name: 'x' };

submit({ action_name: 'Save', data: { 'a.b': 1 } });

const envelope = { action_name: 'Deploy', metadata: buildMetadata() };

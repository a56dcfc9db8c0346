moesif.track('Clicked Sign Up', { sign_up_method: 'email', userID: 'u1' });

moesif.track('clicked_sign_up', { signUpMethod: 'google', user_id: 'u2' });
moesif.track('ClickedSignUp', { some_string: 'a', so_me_str_ing: 'b' });

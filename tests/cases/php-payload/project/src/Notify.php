<?php

class Notify
{
    public function upgrade($user)
    {
        $plan = 'pro';
        $body = [
            'action_name' => 'Upgraded Plan',
            'metadata' => ['plan.name' => $plan, 'seats' => 3, "annual" => 'yes', 'tags' => [1, 'a']],
        ];
        $this->moesif->track('Renewed', array('annual' => true, 'plan_name' => (int) $user->plan));
        return $body;
    }
}

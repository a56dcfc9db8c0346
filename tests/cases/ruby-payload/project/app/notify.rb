class Notifier
  def upgrade(user)
    plan = 'pro'
    body = {
      action_name: 'Upgraded Plan',
      metadata: { 'plan.name' => plan, seats: 3, annual: 'yes', :tier => :gold }
    }
    post(body.to_json)
    @analytics.track(user_id: user.id, event: 'Renewed', properties: { annual: true, 'plan_name' => 1 })
    Moesif.track('Clicked', { tags: [1, 'a'], "tier": 2, seats: 1, 'seats' => 2 })
  end
end

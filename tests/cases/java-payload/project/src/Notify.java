class Notify {
  void upgrade(User user) {
    Map<String, Object> meta = new HashMap<>();
    meta.put("plan.name", "pro");
    meta.put("seats", 3);
    meta.put("seats.count", 3);
    meta.put("seats_count", 4);
    Map<String, Object> body = Map.of("action_name", "Upgraded Plan", "metadata", meta);
    this.moesif.track("Renewed", Map.of("annual", true, "plan_name", 1, "tags", List.of(1, "a"), "s", "x" + 1));
  }
}

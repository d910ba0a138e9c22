@hop:provider
Feature: Access Record Structured: migrate structured record
  On the 1.6 line a GP2GP-style transfer reads the whole record with $gpc.migratestructuredrecord, its JWT
  carrying reason_for_request migration (facts §3.3). The answer is the structured record with every area
  and nothing filtered out: ended allergies and vaccinations not given included (ARS-MIGRATE).

  Background:
    Given the registered patient's structured record root has been resolved on PDS and SDS

  @ARS-MIGRATE
  Scenario: The whole record comes back, every area with its List and nothing filtered out
    When the consumer migrates the structured record
    Then the provider answers 200 with a structured record Bundle
    And the Bundle's Patient carries the requested NHS number
    And every reference in the Bundle resolves to an entry of it
    And the "consultations" List has 3 entries
    And the "diary" List has 2 entries
    And every allergy in the "ended allergies" List is resolved
    And 1 immunisation in the Bundle are marked not given

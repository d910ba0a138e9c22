@hop:provider
Feature: 5. Find a patient
  GET /Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS number} (WE-5a … WE-5c).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    When the consumer finds the patient on the provider by NHS number

  @WE-5a
  Scenario: Exactly one Patient is found for a traced NHS number
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle is a searchset of exactly one Patient

  @WE-5b
  Scenario: The Patient carries the traced NHS number with its verification status
    Then the provider's Patient carries the traced NHS number with its verification status

  @WE-5c
  Scenario: The Patient has exactly one official name
    Then the provider's Patient has exactly one official name

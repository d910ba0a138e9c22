@hop:provider
Feature: 4. Search for free slots
  GET /Slot with status=free, start=ge…, end=le… within 14 days, and _include=Slot:schedule (WE-4a … WE-4d).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    When the consumer searches for free slots over the next 7 days

  @WE-4a
  Scenario: A slot search within 14 days returns a searchset
    Then the provider answers 200 with a FHIR Bundle
    And the Bundle is a searchset

  @WE-4b
  Scenario: Every Slot returned is free and inside the searched range
    Then the Bundle holds at least one Slot
    And every Slot is free and inside the searched range

  @WE-4c
  Scenario: Every Slot's Schedule is in the Bundle
    Then every Slot's Schedule is in the Bundle

  @WE-4d
  Scenario: Every Slot has a delivery channel and UK local times
    Then every Slot has a delivery channel and UK local times with an offset

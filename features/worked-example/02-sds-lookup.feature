@hop:sds
Feature: 2. SDS lookup
  The two-step SDS lookup (WE-2a … WE-2d, TOP-T13): the Endpoint by ODS code and interaction gives the service
  root URL and the party key; the Device by ODS code, interaction and party key gives the provider's ASID.

  Background:
    Given the registered patient's practice has been traced on PDS

  @WE-2a
  Scenario: Exactly one Endpoint is registered for the practice and interaction
    When the consumer looks up the Endpoint on SDS for "read metadata"
    Then SDS answers 200 with a FHIR Bundle
    And the Bundle is a searchset of exactly one Endpoint

  @WE-2b
  Scenario: The Endpoint address is a service root URL for the practice
    When the consumer looks up the Endpoint on SDS for "read metadata"
    Then the Endpoint address is a service root URL for the practice

  @WE-2c
  Scenario: The Endpoint carries the MHS party key
    When the consumer looks up the Endpoint on SDS for "read metadata"
    Then the Endpoint carries a party key

  @WE-2d
  Scenario: Exactly one Device gives the provider's ASID
    Given the consumer has looked up the Endpoint on SDS for "read metadata"
    When the consumer looks up the Device on SDS by ODS code, interaction and party key
    Then SDS answers 200 with a FHIR Bundle
    And the Bundle is a searchset of exactly one Device
    And the Device carries a 12-digit ASID

  @WE-2g
  Scenario: The Endpoint is the one asked for, not merely one
    When the consumer looks up the Endpoint on SDS for "read metadata"
    Then the Endpoint is the practice's, for the interaction asked for, with the practice's party key

  @WE-2h
  Scenario: The Device is the one asked for, not merely one
    Given the consumer has looked up the Endpoint on SDS for "read metadata"
    When the consumer looks up the Device on SDS by ODS code, interaction and party key
    Then the Device is the practice's, for the interaction asked for, with the Endpoint's party key

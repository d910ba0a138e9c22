@hop:journey
Feature: The worked example end to end
  One correlated journey: PDS trace → SDS lookup → CapabilityStatement → free slots → find patient → book.
  Each hop's output is the next hop's input, and the evidence is one record.

  @WE-J1
  Scenario: Trace, look up, read capabilities, search, find and book
    Given the registered patient
    When the consumer traces the patient on PDS and reads the practice's ODS code
    And the consumer looks up the practice's GP Connect endpoint and ASID on SDS
    And the consumer reads the provider's CapabilityStatement through the SSP
    And the consumer finds a free slot over the next 7 days
    And the consumer finds the patient on the provider
    And the consumer books the slot for the patient
    Then the provider answers 201 with a FHIR Appointment
    And the journey carried each value forward from hop to hop

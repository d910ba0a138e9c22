@hop:provider
Feature: 6. Book an appointment
  POST /Appointment with a GPConnect-Appointment-1 body for a free slot and the provider's Patient (WE-6a … WE-6d).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found the patient on the provider
    And the consumer has found a free slot

  @WE-6a
  Scenario: Booking a free slot is created
    When the consumer books the slot for the patient
    Then the provider answers 201 with a FHIR Appointment
    And the answer has a Location header for the Appointment

  @WE-6b
  Scenario: The booked Appointment is a GP Connect Appointment with its participants
    When the consumer books the slot for the patient
    Then the Appointment declares the GPConnect-Appointment-1 profile and is booked
    And the Appointment has Patient and Location participants

  @WE-6c
  Scenario: A slot cannot be booked twice
    Given the consumer has booked the slot for the patient
    When the consumer books the same slot again
    Then the provider answers 409 naming DUPLICATE_REJECTED

  @WE-6d
  Scenario: A booked slot is no longer offered as free
    Given the consumer has booked the slot for the patient
    When the consumer searches for free slots over the same range again
    Then the booked slot is not offered

@hop:provider @AM-APPT-SERVICE @AM-APPT-EXTENSIONS
Feature: 7+. What the booking gave the appointment, it keeps
  Every answer that holds the booked appointment carries the booked slot's service type and its Schedule's
  service category (AM-APPT-SERVICE), and the slot's delivery channel, the Schedule's practitioner role and the
  consumer's booking organisation (AM-APPT-EXTENSIONS), as facts §5.6 gives the booking's response body. The
  values expected come from the consumer's own slot search, never from the answer being judged.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider
    And the consumer holds the appointment it booked

  Scenario: The booking's answer
    Then the Appointment keeps the booked slot's service type and its Schedule's service category
    And the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking

  Scenario: Reading the appointment
    When the consumer reads the appointment
    Then the Appointment keeps the booked slot's service type and its Schedule's service category
    And the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking

  Scenario: Amending the appointment's description
    When the consumer amends the appointment's description
    Then the Appointment keeps the booked slot's service type and its Schedule's service category
    And the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking

  Scenario: Cancelling the appointment
    When the consumer cancels the appointment giving the reason "Patient asked to cancel"
    Then the Appointment keeps the booked slot's service type and its Schedule's service category
    And the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking

  Scenario: Retrieving the patient's appointments
    When the consumer retrieves the patient's appointments for today to 14 days ahead
    Then the Appointment keeps the booked slot's service type and its Schedule's service category
    And the Appointment keeps the delivery channel, practitioner role and booking organisation of the booking

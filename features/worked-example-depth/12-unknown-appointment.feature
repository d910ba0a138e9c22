@hop:provider
Feature: 7+. Reading an appointment the practice does not have
  NHS's provider suite reads an appointment id nobody booked; the answer is 404 NO_RECORD_FOUND
  (AM-LIFE-READ-UNKNOWN, facts §6).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-LIFE-READ-UNKNOWN
  Scenario Outline: Reading the appointment id <id> answers 404 NO_RECORD_FOUND
    When the consumer reads the Appointment with id "<id>"
    Then the provider's answer is 404 NO_RECORD_FOUND

    Examples:
      | id          |
      | no-such-id  |
      | 999999999   |

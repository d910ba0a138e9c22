@hop:provider
Feature: 7+. After booking: read, amend, cancel, reschedule
  Read the booked appointment, amend its description or comment, cancel it with a reason (AM-LIFE-READ, AM-LIFE-AMEND, AM-LIFE-CANCEL).
  Each change bumps the version; If-Match must name the current one; a cancelled appointment frees its slot.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider
    And the consumer holds the appointment it booked

  @AM-LIFE-READ
  Scenario: Reading the appointment answers it at its current version
    When the consumer reads the appointment
    Then the provider answers with the Appointment at version 1

  @AM-LIFE-AMEND
  Scenario Outline: Amending the <element> answers the Appointment at version 2
    When the consumer amends the appointment's <element>
    Then the provider answers with the Appointment at version 2
    And the Appointment's <element> is what was sent

    Examples:
      | element     |
      | description |
      | comment     |

  @AM-LIFE-AMEND
  Scenario Outline: Amending the <element> answers 422 INVALID_RESOURCE
    When the consumer amends the appointment's <element>
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | element |
      | status  |
      | start   |

  @AM-LIFE-AMEND
  Scenario Outline: Amending with <change> answers 422 INVALID_RESOURCE
    When the consumer amends the appointment with "<change>"
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | change                        |
      | a cancellation reason         |
      | an absolute patient reference |
      | an absolute slot reference    |

  @AM-LIFE-AMEND-INVALID
  Scenario Outline: Amending to an Appointment with <change> answers 422 INVALID_RESOURCE
    When the consumer amends the appointment with "<change>"
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | change              |
      | no description      |
      | a blank description |

  @AM-LIFE-CANCEL-ONLY
  Scenario Outline: Cancelling with <change> answers 422 INVALID_RESOURCE
    When the consumer cancels the appointment with "<change>"
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | change                        |
      | a new description             |
      | a new comment                 |
      | a new start                   |
      | an absolute patient reference |
      | an absolute slot reference    |

  @AM-LIFE-ETAG
  Scenario Outline: Trying to <action> with a stale ETag answers 409
    When the consumer <action>s the appointment with a stale ETag
    Then the provider's answer is 409 FHIR_CONSTRAINT_VIOLATION

    Examples:
      | action |
      | amend  |
      | cancel |

  @AM-LIFE-CANCEL
  Scenario: Cancelling frees the slot, and booking it again reschedules
    When the consumer cancels the appointment giving the reason "Patient asked to cancel"
    Then the provider answers with the Appointment at version 2
    And the Appointment's status is what was sent
    When the consumer searches for free slots over the same range again
    Then the freed slot is offered again
    When the consumer books the same slot again
    Then the created Appointment comes back in full

  @AM-LIFE-REASON
  Scenario: Cancelling with an empty reason answers 422 INVALID_PARAMETER
    When the consumer cancels the appointment giving the reason ""
    Then the provider's answer is 422 INVALID_PARAMETER

  @AM-LIFE-RETRIEVE
  Scenario: The patient's appointments from today include the one booked
    When the consumer retrieves the patient's appointments for today to 14 days ahead
    Then the searchset holds the appointment booked

  @AM-LIFE-RETRIEVE
  Scenario Outline: Retrieving the patient's appointments for <range> answers 422 INVALID_PARAMETER
    When the consumer retrieves the patient's appointments for <range>
    Then the provider's answer is 422 INVALID_PARAMETER

    Examples:
      | range                      |
      | a range starting yesterday |
      | only a ge bound            |
      | an end before the start    |

  @AM-LIFE-RETRIEVE
  Scenario: Retrieving the appointments of an unknown patient answers 404
    When the consumer retrieves the appointments of a patient id the practice does not know
    Then the provider's answer is 404 PATIENT_NOT_FOUND

  @AM-DEMOGRAPHICS
  Scenario: The provider's Patient agrees with PDS on the demographics the consumer shows
    When the consumer finds the patient on the provider
    Then the provider's Patient matches the PDS Patient on name, gender and birth date

@hop:provider
Feature: 6+. Book an appointment in depth
  What a booking must carry, what it may leave out, what it must not send (AM-BOOK-* and their PT oracles),
  that past and Visit slots are never booked, and that a slot goes to exactly one of many bookings racing for it.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider

  @AM-BOOK-INVALID
  Scenario Outline: A booking with <change> answers 422 INVALID_RESOURCE
    When the consumer books the slot with <change>
    Then the provider's answer is 422 INVALID_RESOURCE

    Examples:
      | change                                 |
      | no start                               |
      | no end                                 |
      | no status                              |
      | no slot                                |
      | no participants                        |
      | no Patient participant                 |
      | no Location participant                |
      | a participant without status           |
      | a reason                               |
      | an unknown element                     |
      | an absolute Patient reference          |
      | a booking organisation without name    |
      | a booking organisation without telecom |

  @AM-BOOK-OPTIONAL
  Scenario: A booking without a Practitioner participant is accepted
    When the consumer books the slot with no Practitioner participant
    Then the created Appointment comes back in full

  @AM-BOOK-PREFER
  Scenario: Prefer return=minimal answers 201 with no body
    When the consumer books the slot preferring return=minimal
    Then the created Appointment comes back with no body

  @AM-BOOK-PREFER
  Scenario: Prefer return=representation answers 201 with the Appointment
    When the consumer books the slot preferring return=representation
    Then the created Appointment comes back in full

  @AM-BOOK-MULTI
  Scenario: Two adjacent slots of one schedule are booked as one appointment
    When the consumer books two adjacent slots of one schedule
    Then the created Appointment comes back in full

  @AM-BOOK-MULTI
  Scenario: Two slots with a gap between them answer 422 INVALID_RESOURCE
    When the consumer books two non-adjacent slots of one schedule
    Then the provider's answer is 422 INVALID_RESOURCE

  @AM-BOOK-PAST
  Scenario: A free slot from yesterday may be found, but booking it answers 422 INVALID_RESOURCE
    When the consumer books a free slot from yesterday
    Then the provider's answer is 422 INVALID_RESOURCE

  @AM-BOOK-VISIT
  Scenario: Booking a Visit slot answers 422 INVALID_RESOURCE
    When the consumer books the Visit slot the target names
    Then the provider's answer is 422 INVALID_RESOURCE

  @AM-BOOK-RACE
  Scenario: Of 50 bookings of one slot at once exactly one wins
    When 50 consumers book the slot at once
    Then exactly 1 booking answers 201 and the other 49 answer 409 DUPLICATE_REJECTED

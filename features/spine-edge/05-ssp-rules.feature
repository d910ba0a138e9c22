@hop:ssp
Feature: Spine edge — the Spine Secure Proxy's own refusals
  The SSP checks the sender, the receiver, their data-sharing agreement, the target URL, the method and
  the media type before it forwards anything, and answers 502 or 504 itself when the provider cannot be
  reached or is too slow (SSP-URL, SSP-HEADERS, SSP-ASID, SSP-PARTYKEY, SSP-FOT, SSP-METHOD, SSP-MEDIA, SSP-UNREACHABLE, SSP-TIMEOUT). Its answers are plain OperationOutcomes naming the
  Spine text. Each row sends its rule's probe from support/spine/ssp-rules.ts.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario Outline: The SSP refuses <wrong>
    When the consumer sends the request <rule> forbids: "<wrong>"
    Then the SSP refuses it with <status> naming "<names>"

    @SSP-HEADERS
    Examples: routing headers
      | rule        | wrong                       | status | names          |
      | SSP-HEADERS | no Ssp-InteractionID header | 400    | MISSING_HEADER |
    @SSP-ASID
    Examples: sender
      | rule     | wrong                    | status | names             |
      | SSP-ASID | Ssp-From an unknown ASID | 403    | ASID_CHECK_FAILED |
    @SSP-PARTYKEY
    Examples: receiver
      | rule         | wrong                          | status | names                             |
      | SSP-PARTYKEY | Ssp-To the consumer's own ASID | 403    | PARTYKEY_INTERACTION_CHECK_FAILED |
    @SSP-FOT
    Examples: data-sharing agreement
      | rule    | wrong                                 | status | names            |
      | SSP-FOT | Ssp-From a consumer with no agreement | 403    | FOT_CHECK_FAILED |
    @SSP-URL-INTEGRITY
    Examples: target URL integrity
      | rule              | wrong                        | status | names                      |
      | SSP-URL-INTEGRITY | a dot segment after the root | 400    | URL_INTEGRITY_CHECK_FAILED |
    @SSP-METHOD
    Examples: method
      | rule       | wrong               | status | names              |
      | SSP-METHOD | DELETE on /metadata | 405    | Method Not Allowed |
    @SSP-MEDIA
    Examples: media type
      | rule      | wrong                        | status | names                  |
      | SSP-MEDIA | a booking sent as text/plain | 415    | Unsupported_Media_Type |

  @SSP-URL
  Scenario Outline: The SSP refuses the SDS root written with <variant>
    When the consumer sends "read metadata" through the SSP to the SDS root written with "<variant>"
    Then the SSP refuses it with 400 VARIES_FROM_TARGETURL

    Examples:
      | variant                      |
      | changed case                 |
      | an explicit port             |
      | the host spelled another way |
      | a trailing slash             |

  Scenario Outline: The SSP answers <status> for <wrong>
    The practice is one the target's test data names (testData.unreachablePracticeOds, slowPracticeOds),
    resolved on SDS like any other; the SSP's answer is its own, naming the provider leg that failed.
    When the consumer sends the request <rule> forbids: "<wrong>"
    Then the SSP answers <status> naming <names>

    @SSP-UNREACHABLE
    Examples: provider unreachable
      | rule            | wrong                                                   | status | names                               |
      | SSP-UNREACHABLE | a practice whose registered endpoint nothing answers at | 502    | ERROR_COMMUNICATING_TO_ENDPOINT_URL |
    @SSP-TIMEOUT
    Examples: provider too slow
      | rule        | wrong                                      | status | names   |
      | SSP-TIMEOUT | a practice whose provider answers too late | 504    | TIMEOUT |

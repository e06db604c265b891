package dev.earshot.gong.simulator.corpus;

import java.util.List;

/**
 * Ground truth: one underlying request voiced on a call.
 *
 * @param requestId the catalogue request ({@code R01}...)
 * @param kind feature_request, bug, limitation or ux
 * @param speakerId who voiced it
 * @param utterances the exact sentences that carry it (two when voiced twice)
 */
public record PlantedItem(
    String requestId, String kind, String speakerId, List<String> utterances) {}

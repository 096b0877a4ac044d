package dev.distill.promptgenerator.rest;

import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.PromptSource;
import dev.distill.promptgenerator.service.CampaignService;
import dev.distill.promptgenerator.service.EmissionMetrics;
import dev.distill.promptgenerator.service.EmissionWorker;
import dev.distill.promptgenerator.service.PromptSources;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Campaigns: create one (emission starts in the background), watch it, pause, resume or cancel it. */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    /** Invalid lines listed in a campaign's status; all are counted, and GET /sources/{id} lists more. */
    static final int ERRORS_SHOWN = 20;

    private final CampaignRequestValidator validator;
    private final CampaignService campaigns;
    private final PromptSources sources;
    private final EmissionWorker worker;
    private final EmissionMetrics metrics;

    public CampaignResource(CampaignRequestValidator validator, CampaignService campaigns, PromptSources sources,
            EmissionWorker worker, EmissionMetrics metrics) {
        this.validator = validator;
        this.campaigns = campaigns;
        this.sources = sources;
        this.worker = worker;
        this.metrics = metrics;
    }

    /** 201 with the campaign (state RUNNING); the worker starts once the campaign is committed. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CampaignRequest request, @Context UriInfo uri) {
        Campaign campaign = campaigns.create(validator.validate(request));
        worker.startCampaign(campaign.id);
        return Response.created(uri.getAbsolutePathBuilder().path(campaign.id).build()).entity(view(campaign)).build();
    }

    @GET
    public List<CampaignView> list() {
        return campaigns.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") String id) {
        return view(campaigns.find(id).orElseThrow(() -> new CampaignService.UnknownCampaignException(id)));
    }

    /** Stops emission after the batch in flight; 409 unless RUNNING. */
    @POST
    @Path("/{id}/pause")
    public CampaignView pause(@PathParam("id") String id) {
        return view(campaigns.pause(id));
    }

    /** Continues where the campaign stopped; 409 unless PAUSED. */
    @POST
    @Path("/{id}/resume")
    public CampaignView resume(@PathParam("id") String id) {
        Campaign campaign = campaigns.resume(id);
        worker.resumeRunning();
        return view(campaign);
    }

    /** Stops the campaign and its replays for good; 409 unless RUNNING or PAUSED. */
    @POST
    @Path("/{id}/cancel")
    public CampaignView cancel(@PathParam("id") String id) {
        return view(campaigns.cancel(id));
    }

    private CampaignView view(Campaign campaign) {
        CampaignView.FileErrors fileErrors = null;
        if (campaign.sourceId != null) {
            PromptSource source = sources.find(campaign.sourceId).orElseThrow();
            fileErrors = new CampaignView.FileErrors(source.linesInvalid, sources.errors(source.id, ERRORS_SHOWN));
        }
        return CampaignView.of(campaign, campaigns.replays(campaign.id), fileErrors, metrics.rate(campaign.id),
                metrics.isWaitingForLag(campaign.id));
    }
}

package dev.distill.promptgenerator.rest;

import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.service.CampaignService;
import dev.distill.promptgenerator.service.EmissionWorker;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

/** Campaigns: create one (emission starts in the background) and watch its progress. */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignRequestValidator validator;
    private final CampaignService campaigns;
    private final EmissionWorker worker;

    public CampaignResource(CampaignRequestValidator validator, CampaignService campaigns, EmissionWorker worker) {
        this.validator = validator;
        this.campaigns = campaigns;
        this.worker = worker;
    }

    /** 201 with the campaign (state RUNNING); the worker starts once the campaign is committed. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CampaignRequest request, @Context UriInfo uri) {
        Campaign campaign = campaigns.create(validator.validate(request));
        worker.start(campaign.id);
        return Response.created(uri.getAbsolutePathBuilder().path(campaign.id).build())
                .entity(CampaignView.of(campaign)).build();
    }

    @GET
    public List<CampaignView> list() {
        return campaigns.list().stream().map(CampaignView::of).toList();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") String id) {
        return campaigns.find(id).map(CampaignView::of)
                .orElseThrow(() -> new NotFoundException("no campaign " + id));
    }
}
